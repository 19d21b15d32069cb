using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansQueue.Hosting;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>The real path: the silo executable in its own process, and a client host that connects over TCP.</summary>
public sealed class SiloProcessTests : IAsyncLifetime
{
    private SiloProcess? silo;

    private SiloProcess Silo => silo!;

    public async Task InitializeAsync() => silo = await SiloProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }

    private async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(Silo.GatewayPort, SiloProcess.ServiceId, Silo.ClusterId)
            .AddOrleansQueues());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task A_client_process_puts_and_gets_through_a_silo_process_over_tcp() // C10, C13, C15
    {
        using var producerHost = await StartClientAsync();
        using var consumerHost = await StartClientAsync();
        var producer = producerHost.Services.GetRequiredService<QueueClient>().FromName("jobs", createIfMissing: true);
        await producer.InfoAsync();
        var consumer = consumerHost.Services.GetRequiredService<QueueClient>().FromName("jobs");

        var waiting = consumer.GetAsync<string>(partition: "eu", timeout: TimeSpan.FromSeconds(30));
        await producer.PutAsync("first", partition: "eu");
        await producer.PutManyAsync(Enumerable.Range(0, 100));

        Assert.Equal("first", await waiting);
        Assert.Equal(Enumerable.Range(0, 100), await consumer.GetManyAsync<int>(1_000));
        Assert.Equal(0, await consumer.LenAsync(total: true));
        await producerHost.StopAsync();
        await consumerHost.StopAsync();
    }

    [Fact]
    public async Task The_silo_stops_cleanly_on_ctrl_c()
    {
        var exitCode = await Silo.InterruptAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{Silo.Output}");
        Assert.DoesNotContain("fail:", Silo.Output, StringComparison.Ordinal);
    }
}
