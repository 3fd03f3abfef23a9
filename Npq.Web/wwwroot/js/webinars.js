// Countdowns to each session's start, and the join button turned on when the session opens.
// The server enforces the same window; this only saves a reload.
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-countdown]'));
  if (rows.length === 0) {
    return;
  }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function describe(ms) {
    var minutes = Math.floor(ms / 60000);
    if (minutes < 1) { return 'less than a minute'; }
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    var mins = minutes % 60;
    var parts = [];
    if (days > 0) { parts.push(plural(days, 'day')); }
    if (hours > 0) { parts.push(plural(hours, 'hour')); }
    if (days === 0 && mins > 0) { parts.push(plural(mins, 'minute')); }
    return parts.join(', ');
  }

  function tick() {
    var now = Date.now();
    rows.forEach(function (row) {
      var start = Date.parse(row.getAttribute('data-start'));
      var opens = Date.parse(row.getAttribute('data-opens'));
      var end = Date.parse(row.getAttribute('data-end'));
      var text = row.querySelector('.countdown');
      var button = row.querySelector('.join-button');
      var label = now >= end ? 'This session has finished' : now >= start ? 'In progress' : 'Starts in ' + describe(start - now);
      // Update the live region only when the words change, so screen readers are not flooded.
      if (text && text.textContent !== label) { text.textContent = label; }
      if (button) { button.disabled = !(now >= opens && now < end); }
    });
  }

  tick();
  window.setInterval(tick, 15000);
})();
