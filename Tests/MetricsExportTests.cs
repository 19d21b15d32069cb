using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OrleansQueue.DevServices;

namespace OrleansQueue.Tests;

/// <summary>The silo's OpenTelemetry export, scraped the way Prometheus would from a real silo process.</summary>
public sealed class MetricsExportTests
{
    [Fact]
    public async Task A_silo_started_with_prometheus_metrics_serves_queue_depth_and_flow()
    {
        var port = Loopback.FreePort();
        await using var silo = await SiloProcess.StartAsync("--Silo:Metrics=prometheus", $"--Silo:PrometheusPort={port}");
        using var client = await silo.ConnectAsync();
        var name = $"m{Guid.NewGuid():N}";
        var queue = client.Services.GetRequiredService<QueueClient>().FromName(name, createIfMissing: true);
        await queue.PutManyAsync([1, 2, 3]);
        await queue.GetAsync<int>();

        using var http = new HttpClient();
        var scraped = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

        Assert.Matches(new Regex($"orleansqueue_queue_depth\\S*\\{{[^}}]*queue=\"{name}\"[^}}]*\\}} 2(\\s|$)"), scraped);
        Assert.Matches(new Regex($"orleansqueue_items_put\\S*\\{{[^}}]*queue=\"{name}\"[^}}]*\\}} 3(\\s|$)"), scraped);
        Assert.Contains("orleans_", scraped, StringComparison.Ordinal);
        await client.StopAsync();
    }

    [Fact]
    public async Task An_unknown_metrics_exporter_stops_the_silo_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync("--Silo:Metrics=statsd"));

        Assert.Contains("Silo:Metrics is 'statsd'", error.Message, StringComparison.Ordinal);
    }
}
