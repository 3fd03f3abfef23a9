// Background export progress: polls the status endpoint and updates the bar, the message and the download link.
// Without JavaScript the page offers a refresh link instead.
(function () {
    "use strict";
    var box = document.getElementById("export-status");
    if (!box || box.getAttribute("data-finished") === "true") {
        return;
    }

    var url = box.getAttribute("data-status-url");
    var bar = document.getElementById("export-progress");
    var message = document.getElementById("export-message");
    var download = document.getElementById("export-download");
    var refresh = document.getElementById("export-refresh");
    var delay = 1000;

    function show(status) {
        bar.value = status.percent;
        bar.textContent = status.percent + "%";
        if (status.status === "Ready") {
            message.textContent = "Ready: " + status.rowsWritten.toLocaleString() + " rows.";
            download.classList.remove("hidden");
            if (refresh) { refresh.classList.add("hidden"); }
            return true;
        }
        if (status.status === "Failed") {
            message.textContent = "The export failed. Please try again; if it fails again, tell the Npq team.";
            if (refresh) { refresh.classList.add("hidden"); }
            return true;
        }
        message.textContent = status.status === "Queued"
            ? "Waiting to start."
            : status.rowsWritten.toLocaleString() + " of " + status.rowsTotal.toLocaleString() + " rows written (" + status.percent + "%).";
        return false;
    }

    function poll() {
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (status) {
                if (status && show(status)) {
                    return;
                }
                delay = Math.min(delay * 1.5, 5000);
                window.setTimeout(poll, delay);
            })
            .catch(function () { window.setTimeout(poll, 5000); });
    }

    window.setTimeout(poll, delay);
})();

// The headteacher's page: a print button, shown only when script can press it.
(function () {
    "use strict";
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
        buttons[i].classList.remove("hidden");
        buttons[i].addEventListener("click", function () { window.print(); });
    }
})();
