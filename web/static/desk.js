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

// Drafts of other versions of this claim are stale: a verdict was recorded since.
function forgetOtherVersions(key) {
  const prefix = key.replace(/-v\d+$/, "-v");
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i -= 1) {
      const other = window.localStorage.key(i);
      if (other && other !== key && other.startsWith(prefix)) {
        window.localStorage.removeItem(other);
      }
    }
  } catch {
    // storage refused
  }
}

function keepDraft(form) {
  const key = "claimdesk:draft:" + form.dataset.draft;
  forgetOtherVersions(key);
  const saved = stored(key) || {};
  let restored = false;
  DRAFTED.forEach((name) => {
    const field = form.elements.namedItem(name);
    if (field && typeof saved[name] === "string" && saved[name] !== field.value) {
      field.value = saved[name];
      restored = true;
    }
  });
  if (restored) {
    const notice = document.createElement("p");
    notice.className = "hint";
    notice.id = "draft-restored";
    notice.textContent = "Your unsaved draft of this verdict is back: record it or change it.";
    form.prepend(notice);
  }
  const save = () => {
    const draft = {};
    DRAFTED.forEach((name) => {
      const field = form.elements.namedItem(name);
      if (field) draft[name] = field.value;
    });
    store(key, draft);
  };
  form.addEventListener("input", save);
  form.addEventListener("change", save);
}

function keepTicks(list) {
  const key = "claimdesk:ticks:" + list.dataset.ticks;
  forgetOtherVersions(key);
  const boxes = Array.from(list.querySelectorAll("input[type=checkbox]"));
  const ticked = stored(key) || [];
  boxes.forEach((box, n) => {
    box.checked = ticked.includes(n);
    box.addEventListener("change", () => {
      store(key, boxes.flatMap((b, i) => (b.checked ? [i] : [])));
    });
  });
}

// Signing out forgets every draft and tick of this desk: the next person at this browser
// finds none of them.
function forgetAll() {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i -= 1) {
      const key = window.localStorage.key(i);
      if (key && key.startsWith("claimdesk:")) window.localStorage.removeItem(key);
    }
  } catch {
    // storage refused
  }
}

document.addEventListener("DOMContentLoaded", () => {
  tick();
  document.querySelectorAll("form[data-forget-drafts]").forEach((form) => {
    form.addEventListener("submit", forgetAll);
  });
  document.querySelectorAll("form[data-draft]").forEach(keepDraft);
  document.querySelectorAll("[data-ticks]").forEach(keepTicks);
  setInterval(tick, 1000);
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});
