// The voting page of a verifiable election (elections/verifiable/vote.html).
//
// The ballot is encrypted, proved and signed here, with the secret derived from the voter's
// credential code; the code never leaves this device. The encrypted ballot is then either
// cast (POSTed to the board) or audited (opened: POSTed with its marks and randomness, and
// never cast). This file is hashed into the manifest's client_code with ./crypto/*.js
// (see verifiable.CLIENT_EXTRA), so the record names the code voters ran.

import {
  InvalidCredentialCode,
  ballotTracker,
  baseMul,
  credentialFromCode,
  electionFromJson,
  encryptBallot,
  normaliseCredentialCode,
  pointToHex,
} from "./crypto/ballot.js";

const root = document.getElementById("verifiable-vote");
const read = (id) => JSON.parse(document.getElementById(id).textContent);
const publicJson = read("election-public");
const texts = read("vote-texts");
const options = read("vote-options"); // [[mark position, label]…], in manifest order
// The one question's limits: max_marks 1 is one radio button (plurality, recall); more is a
// checkbox per option (approval), each ticked option marked 1.
const question = publicJson.manifest?.questions?.[0] ?? {};
const several = Number(question.max_marks) > 1;
const form = document.getElementById("ballot-form");
const status = document.getElementById("vote-status");
const codeInput = document.getElementById("credential");
const encryptButton = document.getElementById("encrypt");
const castButton = document.getElementById("cast");
const auditButton = document.getElementById("audit");
const againButton = document.getElementById("again");
const changeButton = document.getElementById("change");
const sections = {
  encrypted: document.getElementById("encrypted"),
  receipt: document.getElementById("receipt"),
  audited: document.getElementById("audited"),
};
const csrfToken = form.querySelector("input[name=csrfmiddlewaretoken]").value;

let election = null; // decoded (and its fingerprint recomputed) once
let opened = null; // {ballot, marks, randomness}: encrypted, neither cast nor audited yet
let openedChoice = "";

function format(text, values) {
  return text.replace(/%\((\w+)\)s/g, (_match, name) => String(values[name]));
}

function say(text, { problem = false } = {}) {
  status.textContent = text;
  status.classList.toggle("problems", problem);
}

/** Show one step of the page: "form", "encrypted", "receipt" or "audited". */
function show(step) {
  form.hidden = step !== "form";
  for (const [name, section] of Object.entries(sections)) section.hidden = name !== step;
  const heading = sections[step]?.querySelector("h2");
  if (heading) heading.focus();
}

function setTracker(section, tracker) {
  for (const node of section.querySelectorAll(".tracker")) node.textContent = tracker;
}

function busy(on) {
  root.setAttribute("aria-busy", on ? "true" : "false");
  for (const button of [encryptButton, castButton, auditButton, againButton, changeButton]) button.disabled = on;
}

/** The labels of the chosen options, in manifest order, as one phrase ("Ada and Bea"). */
function listed(labels) {
  if (labels.length < 2) return labels.join("");
  try {
    return new Intl.ListFormat(document.documentElement.lang || undefined, { type: "conjunction" }).format(labels);
  } catch {
    return labels.join(", ");
  }
}

/** The ticked options' mark positions, or null (having said why) if they are too few or too many. */
function tickedPositions() {
  const ticked = Array.from(form.querySelectorAll("input[name=mark]:checked"), (input) => Number(input.value));
  const least = Number(question.min_marks);
  const most = Number(question.max_marks);
  if (ticked.length < least || ticked.length > most) {
    say(format(texts.marks_out_of_range, { min: least, max: most, n: ticked.length }), { problem: true });
    return null;
  }
  return ticked;
}

/** Let the browser paint the progress message before the seconds of arithmetic. */
function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function encryptChoice(event) {
  event.preventDefault();
  let positions;
  if (several) {
    positions = tickedPositions();
    if (positions === null) return;
  } else {
    const chosen = form.querySelector("input[name=mark]:checked");
    if (!chosen) {
      say(texts.no_choice, { problem: true });
      return;
    }
    positions = [Number(chosen.value)];
  }
  let code;
  try {
    code = normaliseCredentialCode(codeInput.value);
  } catch (error) {
    if (!(error instanceof InvalidCredentialCode)) throw error;
    say(format(texts.code_typo, { reason: error.message }), { problem: true });
    codeInput.focus();
    return;
  }
  say(texts.encrypting);
  busy(true);
  await nextPaint();
  try {
    if (election === null) {
      try {
        election = electionFromJson(publicJson);
      } catch (error) {
        say(texts.bad_election, { problem: true });
        return;
      }
    }
    const secret = credentialFromCode(election.manifest.election_id, code);
    if (publicJson.credentials) {
      const listed = new Set(publicJson.credentials.map((c) => c.key));
      if (!listed.has(pointToHex(baseMul(secret)))) {
        say(texts.not_listed, { problem: true });
        codeInput.focus();
        return;
      }
    }
    const marks = options.map(([index]) => (positions.includes(index) ? 1 : 0));
    const started = performance.now();
    opened = encryptBallot(election, secret, [marks]);
    const elapsed = Math.round(performance.now() - started);
    openedChoice = listed(options.filter(([index]) => positions.includes(index)).map(([, label]) => label));
    setTracker(sections.encrypted, ballotTracker(opened.ballot));
    sections.encrypted.querySelector(".chosen").textContent = openedChoice;
    say(format(texts.encrypted, { ms: elapsed }));
    show("encrypted");
  } catch (error) {
    say(format(texts.failed, { reason: error.message }), { problem: true });
  } finally {
    busy(false);
  }
}

/** POST JSON to the board; returns the answer's JSON, or throws an Error to show. */
async function post(url, body) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error(texts.network);
  }
  const type = response.headers.get("Content-Type") || "";
  if (response.redirected || !type.startsWith("application/json")) {
    throw new Error(response.status === 403 || response.redirected ? texts.logged_out : texts.network);
  }
  const answer = await response.json();
  if (!response.ok) throw new Error(format(texts.not_sent, { reason: answer.error }));
  return answer;
}

async function send(audit) {
  if (opened === null) return;
  const url = audit ? root.dataset.auditUrl : root.dataset.castUrl;
  const tracker = ballotTracker(opened.ballot);
  say(texts.sending);
  busy(true);
  try {
    const answer = await post(url, audit ? opened : opened.ballot);
    if (answer.tracker !== tracker) {
      say(texts.tracker_differs, { problem: true });
      return;
    }
    opened = null; // an audited ballot is never cast; a cast one is not cast twice
    if (audit) {
      setTracker(sections.audited, tracker);
      sections.audited.querySelector(".opened-choice").textContent = openedChoice;
      say("");
      show("audited");
    } else {
      setTracker(sections.receipt, tracker);
      const link = document.getElementById("board-link");
      link.href = `${root.dataset.boardUrl}?tracker=${tracker}`;
      codeInput.value = "";
      say("");
      show("receipt");
    }
  } catch (error) {
    say(error.message, { problem: true });
  } finally {
    busy(false);
  }
}

form.addEventListener("submit", encryptChoice);
castButton.addEventListener("click", () => send(false));
auditButton.addEventListener("click", () => send(true));
/** Back to the ballot paper; the ballot encrypted (or audited) is dropped, never cast. */
function startAgain() {
  opened = null;
  say("");
  show("form");
  encryptButton.focus();
}
againButton.addEventListener("click", startAgain);
changeButton.addEventListener("click", startAgain);
root.hidden = false;
