// Autosave for long text: a form with class "autosave" and data-autosave-url posts its fields a few seconds after
// the person stops typing, with the antiforgery token in the X-CSRF-TOKEN header. The page works without it: the
// form's own buttons still save. A new evidence item's first autosave creates the draft and moves the form to it.
(function () {
    'use strict';
    var DELAY_MS = 3000;

    function init(form) {
        var status = form.querySelector('[data-autosave-status]');
        var versionField = form.querySelector('[data-autosave-version]');
        var tokenField = form.querySelector('input[name="__RequestVerificationToken"]');
        var wordCount = form.querySelector('[data-word-count]');
        var wordLimit = parseInt(form.getAttribute('data-word-limit') || '0', 10);
        var timer = null;
        var saving = false;
        var pending = false;
        var stopped = false;

        function say(text) { if (status) { status.textContent = text; } }

        function countWords() {
            if (!wordCount) { return; }
            var text = (form.querySelector('textarea') || { value: '' }).value;
            var words = text.split(/\s+/).filter(function (w) { return /[\p{L}\p{N}]/u.test(w); }).length;
            wordCount.textContent = words.toLocaleString('en-GB') + ' of ' + wordLimit.toLocaleString('en-GB') + ' words' +
                (wordLimit > 0 && words > wordLimit ? ' (' + (words - wordLimit).toLocaleString('en-GB') + ' over the limit)' : '');
        }

        function save() {
            if (stopped) { return; }
            if (saving) { pending = true; return; }
            saving = true;
            say('Saving…');
            var data = new FormData(form);
            data.delete('Intent');
            data.delete('intent');
            fetch(form.getAttribute('data-autosave-url'), {
                method: 'POST',
                body: data,
                credentials: 'same-origin',
                headers: { 'X-CSRF-TOKEN': tokenField ? tokenField.value : '', 'Accept': 'application/json' }
            }).then(function (response) {
                return response.json().catch(function () { return {}; }).then(function (body) { return { ok: response.ok, status: response.status, body: body }; });
            }).then(function (result) {
                if (result.ok) {
                    if (versionField && result.body.version !== undefined) { versionField.value = result.body.version; }
                    if (result.body.saveUrl) {
                        form.setAttribute('data-autosave-url', result.body.saveUrl);
                        form.setAttribute('action', result.body.formAction);
                        form.setAttribute('data-autosave-creates', 'false');
                        if (window.history && window.history.replaceState) { window.history.replaceState(null, '', result.body.pageUrl); }
                    }
                    say('Draft saved at ' + new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) + '.');
                } else if (result.status === 409) {
                    stopped = true;
                    say((result.body && result.body.message) || 'This draft was changed elsewhere. Copy your text, then reload the page.');
                } else {
                    say('Could not save just now; your text is still here. Use “Save draft” to save it.');
                }
            }).catch(function () {
                say('Could not reach the server; your text is still here. Use “Save draft” when you are back online.');
            }).then(function () {
                saving = false;
                if (pending) { pending = false; schedule(); }
            });
        }

        function schedule() {
            if (timer) { clearTimeout(timer); }
            timer = setTimeout(save, DELAY_MS);
        }

        form.addEventListener('input', function () { countWords(); schedule(); });
        form.addEventListener('change', schedule);
        form.addEventListener('submit', function () { stopped = true; if (timer) { clearTimeout(timer); } });
    }

    var forms = document.querySelectorAll('form.autosave[data-autosave-url]');
    for (var i = 0; i < forms.length; i++) { init(forms[i]); }
})();
