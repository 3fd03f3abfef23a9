// Apply form: says what the applicant will pay as soon as they choose who pays (the table above shows both prices
// without script).
(function () {
  'use strict';
  var note = document.getElementById('price-choice');
  if (!note) { return; }
  var radios = document.querySelectorAll('input[data-price-target]');
  function update() {
    var chosen = document.querySelector('input[data-price-target]:checked');
    var rows = { organisation: document.getElementById('price-organisation'), self: document.getElementById('price-self') };
    Object.keys(rows).forEach(function (key) { if (rows[key]) { rows[key].classList.remove('chosen'); } });
    if (!chosen) { note.textContent = ''; return; }
    var target = chosen.getAttribute('data-price-target');
    if (rows[target]) { rows[target].classList.add('chosen'); }
    note.textContent = 'With your choice, the course costs ' + note.getAttribute('data-' + target) +
      (target === 'self' ? ' including VAT.' : '.');
  }
  Array.prototype.forEach.call(radios, function (radio) { radio.addEventListener('change', update); });
  update();
})();
