// Proposes the browser's time zone: on the prompt's link (as ?guess=) and on the settings page's list.
(function () {
  'use strict';
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) {
    return;
  }

  document.querySelectorAll('a[data-tz-guess-link]').forEach(function (link) {
    var url = new URL(link.getAttribute('href'), window.location.origin);
    url.searchParams.set('guess', zone);
    link.setAttribute('href', url.pathname + url.search);
  });

  document.querySelectorAll('select[data-tz-guess]').forEach(function (select) {
    if (select.getAttribute('data-confirmed') === 'true') {
      return;
    }
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
    if (!option) {
      return;
    }
    option.selected = true;
    document.querySelectorAll('[data-tz-guess-text]').forEach(function (text) {
      text.querySelectorAll('[data-tz-guess-name]').forEach(function (name) { name.textContent = zone; });
      text.hidden = false;
    });
  });
})();
