// Live updates on a thread's last page: asks the server every few seconds for the posts after the last one shown and
// adds them. Progressive enhancement: without it, a reload shows the same. The server reads the database, so any web
// instance answers. Post bodies arrive already through the server's safe markdown pipeline; every other field is text.
(function () {
  'use strict';
  // The mention picker: inserts @[Name](id) at the cursor of the post's text. The server offers only readers of the space.
  Array.prototype.forEach.call(document.querySelectorAll('[data-mention-for]'), function (picker) {
    var field = document.getElementById(picker.getAttribute('data-mention-for'));
    var select = picker.querySelector('select');
    var button = picker.querySelector('[data-insert-mention]');
    if (!field || !select || !button) {
      return;
    }
    picker.hidden = false;
    button.addEventListener('click', function () {
      var option = select.options[select.selectedIndex];
      if (!option) {
        return;
      }
      var name = option.textContent;
      var mention = /[\]\r\n]/.test(name) ? '@' + name + ' ' : '@[' + name + '](' + option.value + ') ';
      var start = field.selectionStart || 0;
      var end = field.selectionEnd || 0;
      field.value = field.value.slice(0, start) + mention + field.value.slice(end);
      field.focus();
      field.selectionStart = field.selectionEnd = start + mention.length;
    });
  });

  var list = document.getElementById('posts');
  if (!list || !list.getAttribute('data-since')) {
    return;
  }

  var url = list.getAttribute('data-since');
  var last = parseInt(list.getAttribute('data-last') || '0', 10);
  var status = document.getElementById('live-status');
  var delay = 4000;
  var busy = false;

  function text(tag, className, value) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    element.textContent = value;
    return element;
  }

  function render(post) {
    var article = document.createElement('article');
    article.className = 'post new-post';
    article.id = 'post-' + post.id;
    article.tabIndex = -1;
    article.setAttribute('aria-labelledby', 'post-' + post.id + '-by');
    var header = document.createElement('header');
    header.className = 'post-header';
    var author = text('h2', 'post-author', post.author);
    author.id = 'post-' + post.id + '-by';
    header.appendChild(author);
    header.appendChild(text('p', 'post-meta', post.when));
    article.appendChild(header);
    if (post.state) {
      article.appendChild(text('p', 'post-state', post.state));
    } else {
      var body = document.createElement('div');
      body.className = 'post-body';
      body.innerHTML = post.html; // sanitised by the server's one markdown pipeline
      article.appendChild(body);
    }
    var actions = document.createElement('div');
    actions.className = 'post-actions';
    var link = text('a', '', 'Quote, mark helpful or report');
    link.href = '/discussions/posts/' + post.id;
    actions.appendChild(link);
    article.appendChild(actions);
    return article;
  }

  function poll() {
    if (busy || document.hidden) {
      return;
    }
    busy = true;
    fetch(url + '?after=' + last, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : { posts: [] }; })
      .then(function (data) {
        var posts = data.posts || [];
        posts.forEach(function (post) {
          if (post.id > last && !document.getElementById('post-' + post.id)) {
            list.appendChild(render(post));
          }
          last = Math.max(last, post.id);
        });
        if (posts.length > 0 && status) {
          status.textContent = posts.length === 1 ? '1 new post' : posts.length + ' new posts';
        }
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { busy = false; });
  }

  window.setInterval(poll, delay);
  document.addEventListener('visibilitychange', poll);
}());
