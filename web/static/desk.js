// claimdesk desk: lease countdowns and confirmations. No dependencies, nothing fetched.
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

document.addEventListener("DOMContentLoaded", () => {
  tick();
  setInterval(tick, 1000);
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});
