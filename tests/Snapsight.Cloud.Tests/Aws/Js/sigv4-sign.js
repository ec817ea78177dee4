// Signs requests with the AWS SDK for JavaScript's SignatureV4 (@smithy/signature-v4): the oracle
// of our signer. Reads a JSON array of requests on stdin, writes the Authorization header of each,
// as a JSON array, on stdout.
"use strict";
const { SignatureV4 } = require("@smithy/signature-v4");
const { Sha256 } = require("@aws-crypto/sha256-js");

async function sign(c) {
  const signer = new SignatureV4({
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken ?? undefined },
    region: c.region,
    service: c.service,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const query = {};
  for (const [name, value] of c.query) {
    query[name] = name in query ? [].concat(query[name], value) : value;
  }
  const headers = {};
  for (const [name, value] of c.headers) {
    headers[name] = value;
  }
  const signed = await signer.sign(
    { method: c.method, protocol: "https:", hostname: headers.host, path: c.path, query, headers, body: c.body },
    { signingDate: new Date(c.time) });
  return signed.headers.authorization;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const out = [];
  for (const c of JSON.parse(input)) {
    out.push(await sign(c));
  }
  process.stdout.write(JSON.stringify(out));
});
