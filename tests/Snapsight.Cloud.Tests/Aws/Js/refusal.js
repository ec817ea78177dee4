// What a call the fake must refuse ends in: the SDK's error name, or "not refused".
"use strict";

module.exports = async function refusal(promise) {
  try {
    await promise;
    return "not refused";
  } catch (e) {
    return e.name;
  }
};
