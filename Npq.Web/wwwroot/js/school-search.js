// The invite form's school search, enhanced: as the admin types (or presses Enter in the field), the schools found
// replace the choices below without sending the form; the choices are the same radio buttons "Find school" shows
// without script, and a polite live region says how many matched. Kept in a file: the CSP forbids inline script.
(function () {
  'use strict';
  var input = document.querySelector('input[data-school-search]');
  var choices = document.getElementById('school-choices');
  var live = document.getElementById('school-live');
  var searched = input && input.form ? input.form.querySelector('input[name="Form.SchoolSearched"]') : null;
  if (!input || !choices || !live || !searched || !window.fetch) { return; }
  var url = input.getAttribute('data-school-search');
  var timer = null;
  var latest = 0;

  function chosen() {
    var radio = choices.querySelector('input[name="Form.SchoolId"]:checked');
    return radio && radio.value ? radio.value : '';
  }

  function find() {
    var button = input.form.querySelector('button[formaction]');
    if (button) { button.click(); }
  }

  function search(viaEnter) {
    var query = input.value.trim();
    if (query === searched.value.trim()) { return; }
    if (!query) {
      if (viaEnter) { find(); }
      return;
    }
    var ticket = ++latest;
    var address = url + '?q=' + encodeURIComponent(query) + (chosen() ? '&chosen=' + encodeURIComponent(chosen()) : '');
    fetch(address, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        if (ticket !== latest) { return; }
        choices.innerHTML = html;
        searched.value = query;
        var status = document.getElementById('school-status');
        live.textContent = status ? status.textContent.trim() : '';
      })
      // Without an answer, Enter still finds the school the way it does without script: the form is posted.
      .catch(function () { if (viaEnter && ticket === latest) { find(); } });
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { search(false); }, 300);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      event.preventDefault();
      window.clearTimeout(timer);
      search(true);
    }
  });
})();
