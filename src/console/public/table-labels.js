// Tables become cards on a phone (console.css): each cell shows its column's name, taken from the header.
document.querySelectorAll('table:not(.facts)').forEach((table) => {
  const labels = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  table.querySelectorAll('tbody tr').forEach((row) => {
    [...row.children].forEach((cell, index) => {
      if (!cell.hasAttribute('data-label') && labels[index]) cell.setAttribute('data-label', labels[index]);
    });
  });
});
