// Polls a records-zip job and updates the progress bar; without JavaScript the page offers "Check again".
(function () {
  'use strict';
  var root = document.getElementById('archive');
  if (!root) { return; }
  var url = root.getAttribute('data-progress-url');
  var bar = document.getElementById('archive-progress');
  var status = document.getElementById('archive-status');
  var download = document.getElementById('archive-download');
  var refresh = document.getElementById('archive-refresh');

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
      .then(function (job) {
        bar.max = Math.max(job.total, 1);
        bar.value = job.finished ? bar.max : job.done;
        bar.textContent = job.done + ' of ' + job.total;
        if (job.failed) {
          status.textContent = 'The zip could not be built. Go back and try again.';
          refresh.hidden = true;
        } else if (job.finished) {
          status.textContent = 'The zip is ready: ' + job.done + ' record(s).';
          download.hidden = false;
          refresh.hidden = true;
        } else {
          status.textContent = 'Building the zip: ' + job.done + ' of ' + job.total + ' record(s) so far.';
          window.setTimeout(poll, 700);
        }
      })
      .catch(function () { status.textContent = 'Could not check progress; use "Check again".'; });
  }

  if (download.hidden) { poll(); }
}());
