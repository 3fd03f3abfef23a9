// Live updates on a thread's last page: asks the server every few seconds for the posts after the last one shown and
// adds them. Progressive enhancement: without it, a reload shows the same. The server reads the database, so any web
// instance answers. Post bodies arrive already through the server's safe markdown pipeline; every other field is text.
(function () {
  'use strict';
  // Links to framework statements: their text shows on hover and focus (CSS); Escape hides it until the next hover or focus.
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' || event.key === 'Esc') {
      Array.prototype.forEach.call(document.querySelectorAll('.statement-tip'), function (tip) { tip.classList.add('dismissed'); });
    }
  });
  function undismiss(event) {
    var link = event.target && event.target.closest ? event.target.closest('.statement-link') : null;
    var tip = link ? document.getElementById(link.getAttribute('aria-describedby')) : null;
    if (tip) { tip.classList.remove('dismissed'); }
  }
  document.addEventListener('focusin', undismiss);
  document.addEventListener('mouseover', undismiss);

  function insertMention(field, id, name) {
    var mention = /[\]\r\n]/.test(name) ? '@' + name + ' ' : '@[' + name + '](' + id + ') ';
    var start = field.selectionStart || 0;
    var end = field.selectionEnd || 0;
    field.value = field.value.slice(0, start) + mention + field.value.slice(end);
    field.focus();
    field.selectionStart = field.selectionEnd = start + mention.length;
  }

  // The mention picker: the server lists only readers of the space. With scripts it becomes a type-ahead (the ARIA 1.2
  // combobox pattern: type to filter, arrows to move, Enter to insert @[Name](id) at the cursor of the post's text,
  // Escape to close); the list stays the source, at most 10 matches are shown.
  Array.prototype.forEach.call(document.querySelectorAll('[data-mention-for]'), function (picker) {
    var field = document.getElementById(picker.getAttribute('data-mention-for'));
    var select = picker.querySelector('select');
    var button = picker.querySelector('[data-insert-mention]');
    var label = picker.querySelector('label');
    if (!field || !select || !button || !label) {
      return;
    }
    var people = Array.prototype.map.call(select.options, function (option) { return { id: option.value, name: option.textContent }; });
    var box = document.createElement('div');
    box.className = 'mention-combobox';
    var input = document.createElement('input');
    input.type = 'text';
    input.id = select.id + '-search';
    input.autocomplete = 'off';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', select.id + '-options');
    input.setAttribute('aria-describedby', select.id + '-help');
    var listbox = document.createElement('ul');
    listbox.id = select.id + '-options';
    listbox.className = 'mention-options';
    listbox.setAttribute('role', 'listbox');
    listbox.hidden = true;
    label.id = select.id + '-label';
    label.htmlFor = input.id;
    listbox.setAttribute('aria-labelledby', label.id);
    var help = document.createElement('p');
    help.className = 'hint';
    help.id = select.id + '-help';
    help.textContent = 'Type part of a name, choose with the arrow keys and press Enter.';
    var count = document.createElement('p');
    count.className = 'visually-hidden';
    count.setAttribute('role', 'status');
    box.appendChild(input);
    box.appendChild(listbox);
    select.hidden = true;
    button.hidden = true;
    picker.insertBefore(help, select);
    picker.insertBefore(box, select);
    picker.appendChild(count);
    picker.hidden = false;

    var matches = [];
    var active = -1;

    function show(open) {
      listbox.hidden = !open || matches.length === 0;
      input.setAttribute('aria-expanded', listbox.hidden ? 'false' : 'true');
      if (listbox.hidden) {
        active = -1;
        input.removeAttribute('aria-activedescendant');
      }
    }

    function render() {
      listbox.textContent = '';
      matches.forEach(function (person, i) {
        var option = document.createElement('li');
        option.id = listbox.id + '-' + i;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', i === active ? 'true' : 'false');
        option.textContent = person.name;
        option.addEventListener('mousedown', function (event) { event.preventDefault(); choose(i); });
        listbox.appendChild(option);
      });
      if (active >= 0) {
        input.setAttribute('aria-activedescendant', listbox.id + '-' + active);
        listbox.children[active].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function filter() {
      var query = input.value.trim().toLowerCase();
      matches = people.filter(function (person) { return person.name.toLowerCase().indexOf(query) >= 0; }).slice(0, 10);
      active = -1;
      render();
      show(true);
      count.textContent = matches.length === 0 ? 'No one in this space matches.' : matches.length === 1 ? '1 person matches.' : matches.length + ' people match.';
    }

    function choose(i) {
      var person = matches[i];
      if (!person) {
        return;
      }
      input.value = '';
      show(false);
      insertMention(field, person.id, person.name);
    }

    input.addEventListener('input', filter);
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (listbox.hidden) {
          filter();
        }
        if (matches.length === 0) {
          return;
        }
        active = event.key === 'ArrowDown' ? Math.min(active + 1, matches.length - 1) : Math.max(active - 1, 0);
        render();
      } else if (event.key === 'Enter') {
        event.preventDefault(); // never posts the form from here
        choose(active >= 0 ? active : (matches.length === 1 ? 0 : -1));
      } else if (event.key === 'Escape' || event.key === 'Esc') {
        if (!listbox.hidden) {
          event.preventDefault();
          show(false);
        } else {
          input.value = '';
        }
      }
    });
    input.addEventListener('blur', function () { show(false); });
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
    if (post.attachments && post.attachments.length > 0) {
      var files = document.createElement('ul');
      files.className = 'post-attachments';
      files.setAttribute('aria-label', 'Attached files');
      post.attachments.forEach(function (file) {
        var item = document.createElement('li');
        var link = text('a', '', file.name);
        link.href = file.url;
        link.setAttribute('download', '');
        item.appendChild(link);
        item.appendChild(document.createTextNode(' '));
        item.appendChild(text('span', 'attachment-meta', file.meta));
        files.appendChild(item);
      });
      article.appendChild(files);
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
