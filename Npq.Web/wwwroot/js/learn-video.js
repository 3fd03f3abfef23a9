// A course video's progress: the page reports where the video is and the stretches played since the last report,
// every 10 seconds while it plays, when it pauses, at the end and when the page is left, so the server can tell
// seconds watched from seconds skipped (seeking ahead counts nothing). The video starts where the candidate stopped
// last time. The antiforgery token travels in the X-CSRF-TOKEN header. Without this script the video still plays.
(function () {
    'use strict';
    var INTERVAL_MS = 10000;
    var JUMP_SECONDS = 2;

    function init(box) {
        var video = box.querySelector('video');
        var url = box.getAttribute('data-progress-url');
        var tokenField = box.querySelector('input[name="__RequestVerificationToken"]');
        var status = box.querySelector('[data-video-status]');
        var resumeAt = parseFloat(box.getAttribute('data-resume-at') || '0');
        var ranges = [];
        var start = null;
        var last = null;
        var sending = false;
        var pending = false;
        var timer = null;

        function close() {
            if (start !== null && last !== null && last > start) {
                ranges.push([start, last]);
            }
            start = null;
            last = null;
        }

        function see(t) {
            if (start === null) {
                start = t;
                last = t;
            } else if (t < last || t - last > JUMP_SECONDS) {
                close();
                start = t;
                last = t;
            } else {
                last = t;
            }
        }

        function show(result) {
            if (!status || !result) { return; }
            status.textContent = result.complete
                ? 'Complete: you have watched this video.'
                : result.percent + '% watched. The video is complete once you have watched 90% of it.';
        }

        function report(leaving) {
            if (start !== null && last !== null && last > start) {
                ranges.push([start, last]);
                start = video.paused ? null : last;
            }
            if (!isFinite(video.duration) || video.duration <= 0) { return; }
            if (sending) { pending = true; return; }
            var sent = ranges;
            ranges = [];
            sending = true;
            fetch(url, {
                method: 'POST',
                credentials: 'same-origin',
                keepalive: !!leaving,
                headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': tokenField ? tokenField.value : '' },
                body: JSON.stringify({ position: video.currentTime, duration: video.duration, ranges: sent })
            }).then(function (response) {
                if (!response.ok) { throw new Error('progress not saved'); }
                return response.json();
            }).then(show).catch(function () {
                ranges = sent.concat(ranges);
            }).then(function () {
                sending = false;
                if (pending) {
                    pending = false;
                    report(false);
                }
            });
        }

        video.addEventListener('loadedmetadata', function () {
            if (resumeAt > 1 && resumeAt < video.duration - 2) {
                video.currentTime = resumeAt;
            }
        });
        video.addEventListener('play', function () {
            start = null;
            if (timer === null) { timer = window.setInterval(function () { report(false); }, INTERVAL_MS); }
        });
        video.addEventListener('timeupdate', function () {
            if (!video.paused && !video.seeking) { see(video.currentTime); }
        });
        video.addEventListener('seeking', close);
        video.addEventListener('pause', function () {
            if (timer !== null) { window.clearInterval(timer); timer = null; }
            if (start !== null && !video.seeking) { see(video.currentTime); }
            close();
            report(false);
        });
        video.addEventListener('ended', function () {
            close();
            report(false);
        });
        window.addEventListener('pagehide', function () {
            if (!video.paused) { see(video.currentTime); }
            close();
            report(true);
        });
    }

    document.querySelectorAll('[data-video-progress]').forEach(init);
})();
