using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansQueue.DevServices;

namespace OrleansQueue.Tests;

/// <summary>The silo's web pages, served by a real silo process started with <c>--dashboard</c>.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task A_silo_with_the_dashboard_serves_the_queue_page_its_data_and_the_orleans_dashboard_on_loopback()
    {
        var port = Loopback.FreePort();
        await using var silo = await SiloProcess.StartAsync("--dashboard", $"--Silo:DashboardPort={port}");
        using var client = await silo.ConnectAsync();
        var name = $"d{Guid.NewGuid():N}";
        var queue = client.Services.GetRequiredService<QueueClient>().FromName(name, createIfMissing: true);
        await queue.PutManyAsync([1, 2, 3], partition: "a");
        await queue.GetAsync<int>(partition: "a");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        var data = JsonDocument.Parse(await http.GetStringAsync(new Uri("/queues.json", UriKind.Relative))).RootElement;
        var dashboard = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));

        Assert.Contains("<h1>OrleansQueue</h1>", page, StringComparison.Ordinal);
        var row = Assert.Single(data.GetProperty("queues").EnumerateArray(), q => q.GetProperty("name").GetString() == name);
        Assert.Equal(2, row.GetProperty("items").GetInt64());
        Assert.Equal(1, row.GetProperty("partitions").GetInt32());
        Assert.Equal(3, row.GetProperty("itemsPut").GetInt64());
        Assert.Equal(1, row.GetProperty("itemsGot").GetInt64());
        Assert.True(row.GetProperty("oldestItemAgeSeconds").GetDouble() >= 0);
        Assert.True(dashboard.IsSuccessStatusCode, $"{dashboard.StatusCode}");
        Assert.Contains($"http://127.0.0.1:{port}/", silo.Output, StringComparison.Ordinal);
        await client.StopAsync();
    }

    [Fact]
    public async Task A_silo_without_the_dashboard_opens_no_http_port()
    {
        var port = Loopback.FreePort();
        await using var silo = await SiloProcess.StartAsync($"--Silo:DashboardPort={port}");
        using var http = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{port}/")));
    }
}
