// What a call the fake must refuse answered: the error's name, or "not refused".
"use strict";

module.exports = async function refusal(promise) {
  try {
    await promise;
    return "not refused";
  } catch (e) {
    return e.name;
  }
};
