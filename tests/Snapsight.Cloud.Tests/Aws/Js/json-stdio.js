// The calling convention of these scripts: JSON in on stdin, main's JSON answer on stdout, and a
// failure as its name and message on stderr with exit code 1.
"use strict";

module.exports = function runWithJsonStdio(main) {
  let stdin = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (stdin += chunk));
  process.stdin.on("end", () => {
    main(JSON.parse(stdin)).then(
      (out) => process.stdout.write(JSON.stringify(out)),
      (e) => { process.stderr.write(`${e.name}: ${e.message}\n`); process.exit(1); });
  });
};
