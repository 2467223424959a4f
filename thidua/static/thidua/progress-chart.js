// The target page's chart: reported figures against the trajectory and the target (Chart.js from npm).
(() => {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const format = (value) => new Intl.NumberFormat("vi-VN").format(value) + (data.unit === "%" ? "%" : " " + data.unit);
  new Chart(document.getElementById("progress-chart"), {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Thực hiện", data: data.actual, borderColor: "#0d6efd", backgroundColor: "#0d6efd", tension: 0.2 },
        { label: "Lộ trình", data: data.trajectory, borderColor: "#6c757d", borderDash: [6, 4], pointRadius: 0 },
        { label: "Chỉ tiêu", data: data.target, borderColor: "#198754", pointRadius: 0 },
      ],
    },
    options: { locale: "vi-VN", plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${format(c.parsed.y)}` } } } },
  });
})();
