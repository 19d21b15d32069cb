using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansQueue.Silo;

/// <summary>
/// A small page of queues for operators, next to the Orleans Dashboard: depth, partitions, oldest item and put/get
/// rates per queue of an environment. The rates come from the browser, from the change of cumulative counts between
/// two refreshes; counts are read from up to 1,000 partitions of each queue.
/// </summary>
internal static class QueuePage
{
    private const int PartitionsRead = 1_000;

    public static void MapQueuePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/queues.json", async (QueueClient queues, string? env, CancellationToken cancellationToken) =>
        {
            var environment = env ?? QueueLimits.DefaultEnvironment;
            QueueArguments.CheckName(environment, nameof(env));
            var rows = new List<object>();
            await foreach (var summary in queues.ListAsync(environment: environment, cancellationToken: cancellationToken))
            {
                var partitions = await queues.FromId(summary.Info.Id).ListPartitionsAsync(PartitionsRead, cancellationToken)
                    .Take(PartitionsRead).ToListAsync(cancellationToken);
                rows.Add(new
                {
                    name = summary.Info.Name,
                    id = summary.Info.Id,
                    partitions = summary.LivePartitions,
                    items = summary.TotalItems,
                    oldestItemAgeSeconds = partitions.Max(p => p.OldestItemAge)?.TotalSeconds,
                    itemsPut = partitions.Sum(p => p.ItemsPut),
                    itemsGot = partitions.Sum(p => p.ItemsGot),
                });
            }

            return Results.Json(new { environment, queues = rows });
        });
        app.MapGet("/", () => Results.Content(Html, "text/html"));
    }

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>OrleansQueue</title>
          <style>
            body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
            table { border-collapse: collapse; min-width: 48rem; }
            th, td { padding: .4rem .8rem; border-bottom: 1px solid #ddd; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            th { background: #f3f3f3; }
            .muted { color: #777; }
          </style>
        </head>
        <body>
          <h1>OrleansQueue</h1>
          <p>Environment <input id="env" value="main" size="12">
             <span class="muted">refreshes every 2 s · <a href="dashboard/">Orleans Dashboard</a></span></p>
          <table>
            <thead><tr><th>Queue</th><th>Items</th><th>Partitions</th><th>Oldest item</th><th>Puts/s</th><th>Gets/s</th></tr></thead>
            <tbody id="rows"><tr><td colspan="6" class="muted">loading…</td></tr></tbody>
          </table>
          <script>
            let last = null;
            const age = s => s == null ? '–' : s < 60 ? s.toFixed(1) + ' s' : s < 3600 ? (s / 60).toFixed(1) + ' min' : (s / 3600).toFixed(1) + ' h';
            const cell = text => { const td = document.createElement('td'); td.textContent = text; return td; };
            async function refresh() {
              const env = document.getElementById('env').value || 'main';
              const response = await fetch('queues.json?env=' + encodeURIComponent(env));
              const data = await response.json();
              const now = performance.now();
              const rows = document.getElementById('rows');
              rows.replaceChildren();
              for (const q of data.queues) {
                const before = last && last.env === env ? last.queues[q.id] : null;
                const seconds = before ? (now - last.time) / 1000 : 0;
                const rate = (a, b) => before && seconds > 0 ? Math.max(0, (a - b) / seconds).toFixed(1) : '–';
                const tr = document.createElement('tr');
                tr.append(cell(q.name), cell(q.items), cell(q.partitions), cell(age(q.oldestItemAgeSeconds)),
                          cell(rate(q.itemsPut, before?.itemsPut)), cell(rate(q.itemsGot, before?.itemsGot)));
                rows.append(tr);
              }
              if (data.queues.length === 0) rows.innerHTML = '<tr><td colspan="6" class="muted">no queues</td></tr>';
              last = { env, time: now, queues: Object.fromEntries(data.queues.map(q => [q.id, q])) };
            }
            refresh();
            setInterval(refresh, 2000);
          </script>
        </body>
        </html>
        """;
}
