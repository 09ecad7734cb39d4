// claimdesk desk: lease countdowns, confirmations, and the verdict form's draft and the
// what-to-check ticks kept in this browser (a session that ends keeps them). No
// dependencies, nothing fetched.
"use strict";

function timeLeft(until) {
  const seconds = Math.floor((until - Date.now()) / 1000);
  if (seconds <= 0) return "expired";
  if (seconds < 3600) {
    return Math.floor(seconds / 60) + " min " + String(seconds % 60).padStart(2, "0") + " s left";
  }
  return Math.floor(seconds / 3600) + " h left";
}

function tick() {
  document.querySelectorAll("[data-expires]").forEach((element) => {
    const until = Date.parse(element.dataset.expires);
    if (!Number.isNaN(until)) element.textContent = timeLeft(until);
  });
}

const DRAFTED = ["verdict", "evidence", "note"];

function stored(key) {
  try {
    return JSON.parse(window.localStorage.getItem(key) || "null");
  } catch {
    return null; // storage refused (a private window) or an unreadable entry
  }
}

function store(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage refused: the form still works, only the draft is not kept
  }
}

function forget(key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // storage refused
  }
}

// The verdict form's draft, per user and claim, with the claim version it was written
// for. It comes back when the page shows other values (a reload, a session that ended, a
// conflict); it is forgotten once the claim's recorded values are the draft's.
function keepDraft(form) {
  const key = "claimdesk:draft:" + form.dataset.draft;
  const version = form.dataset.version;
  const fields = DRAFTED.map((name) => form.elements.namedItem(name)).filter(Boolean);
  const saved = stored(key);
  const values = saved && typeof saved.values === "object" && saved.values ? saved.values : null;
  const differs = values !== null && fields.some(
    (field) => typeof values[field.name] === "string" && values[field.name] !== field.value,
  );
  if (values !== null && !differs && saved.version !== version) {
    forget(key); // recorded: the claim moved on with these very values
  } else if (differs) {
    fields.forEach((field) => {
      if (typeof values[field.name] === "string") field.value = values[field.name];
    });
    const notice = document.createElement("p");
    notice.className = saved.version === version ? "hint" : "warn";
    notice.id = "draft-restored";
    notice.textContent = saved.version === version
      ? "Your unsaved draft of this verdict is back: record it or change it."
      : "Your unsaved draft is back, but the claim changed after you wrote it: see its history before you record it.";
    form.prepend(notice);
  }
  const save = () => {
    const draft = {};
    fields.forEach((field) => {
      draft[field.name] = field.value;
    });
    store(key, { version: differs ? saved.version : version, values: draft });
  };
  form.addEventListener("input", save);
  form.addEventListener("change", save);
}

// The what-to-check ticks, per user and claim: a reviewer's own progress through them.
function keepTicks(list) {
  const key = "claimdesk:ticks:" + list.dataset.ticks;
  const boxes = Array.from(list.querySelectorAll("input[type=checkbox]"));
  const saved = stored(key);
  const ticked = Array.isArray(saved) ? saved : [];
  boxes.forEach((box, n) => {
    box.checked = ticked.includes(n);
    box.addEventListener("change", () => {
      store(key, boxes.flatMap((b, i) => (b.checked ? [i] : [])));
    });
  });
}

// A form is sent once: a double click on "Next claim" would lease twice.
function sendOnce(form) {
  form.addEventListener("submit", (event) => {
    if (event.defaultPrevented) return; // a confirmation was refused
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  });
}

// Signing out forgets the drafts and ticks of the one signing out: the next person at this
// browser finds none of them, and a colleague's (whose session ended) stay theirs.
function forgetDraftsOf(owner) {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i -= 1) {
      const key = window.localStorage.key(i);
      const mine = /^claimdesk:(draft|ticks):/.test(key || "") && key.split(":")[2].startsWith(owner);
      if (mine) window.localStorage.removeItem(key);
    }
  } catch {
    // storage refused
  }
}

// A page brought back by the browser's Back button can be sent again.
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-sent]").forEach((form) => {
    delete form.dataset.sent;
  });
});

document.addEventListener("DOMContentLoaded", () => {
  tick();
  document.querySelectorAll("form[data-forget-drafts]").forEach((form) => {
    form.addEventListener("submit", () => forgetDraftsOf(form.dataset.forgetDrafts));
  });
  document.querySelectorAll("form[data-draft]").forEach(keepDraft);
  document.querySelectorAll("[data-ticks]").forEach(keepTicks);
  setInterval(tick, 1000);
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  document.querySelectorAll("form[method=post]").forEach(sendOnce);
});
