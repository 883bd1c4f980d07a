// The self-test page's runner, in a file of its own: the Content Security Policy runs no
// inline script.
import { runVectors } from "./selftest.js";

const out = document.getElementById("result");
function show(status, summary) {
  out.textContent = JSON.stringify(summary, null, 1);
  out.dataset.status = status;
}
try {
  const url = new URLSearchParams(location.search).get("vectors");
  if (!url) throw new Error("no ?vectors=URL given");
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url}: HTTP ${response.status}`);
  const summary = runVectors(await response.json());
  show(summary.failed.length === 0 ? "passed" : "failed", summary);
} catch (error) {
  show("error", { error: String(error) });
}
