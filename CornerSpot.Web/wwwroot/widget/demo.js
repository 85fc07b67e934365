// The demo page's own script, a file of its own: the console's Content-Security-Policy allows no inline script.
document.getElementById('identify').addEventListener('click', function () {
  if (window.CornerSpot && window.CornerSpot.identify)
    window.CornerSpot.identify({ name: 'Ada Lovelace', email: 'ada@example.com' });
  this.textContent = 'Signed in as Ada';
  this.disabled = true;
});
