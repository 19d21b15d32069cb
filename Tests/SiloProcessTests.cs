using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansQueue.DevServices;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>The real path: the silo executable in its own process, and a client host that connects over TCP.</summary>
public sealed class SiloProcessTests : IAsyncLifetime
{
    private SiloProcess? silo;

    private SiloProcess Silo => silo!;

    // Short ephemeral leases, given the way an operator would: on the silo's command line.
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(2);

    public async Task InitializeAsync() => silo = await SiloProcess.StartAsync(
        $"--OrleansQueue:EphemeralGracePeriod={GracePeriod}", "--OrleansQueue:EphemeralHeartbeatInterval=00:00:00.5");

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }

    private Task<IHost> StartClientAsync() => Silo.ConnectAsync();

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
        // A silo in use, as an operator would stop it: one that has served a client.
        using (var client = await StartClientAsync())
        {
            var queue = client.Services.GetRequiredService<QueueClient>().FromName("in-use", createIfMissing: true);
            await queue.PutAsync(1);
            await queue.GetAsync<int>();
            await client.StopAsync();
        }

        // The generic host gives its services 30 s to stop; a silo that needs them all still exits cleanly.
        var exitCode = await Silo.InterruptAsync(TimeSpan.FromSeconds(60));

        // Orleans may log its reminder service's table read as cancelled when a silo stops seconds after starting;
        // what matters is a clean exit with no error of ours and nothing unhandled.
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{Silo.Output}");
        Assert.False(Silo.Output.Contains("fail: OrleansQueue", StringComparison.Ordinal), Silo.Output);
        Assert.False(Silo.Output.Contains("Unhandled exception", StringComparison.Ordinal), Silo.Output);
    }

    [Fact]
    public async Task An_ephemeral_queue_outlives_its_grace_while_the_owner_runs_and_goes_when_the_owner_dies() // C25
    {
        using var readerHost = await StartClientAsync();
        var ownerHost = await StartClientAsync();
        var owned = await ownerHost.Services.GetRequiredService<QueueClient>().EphemeralAsync();
        var byId = readerHost.Services.GetRequiredService<QueueClient>().FromId((await owned.InfoAsync()).Id);
        await byId.PutAsync("from another client");

        await Task.Delay(GracePeriod * 2);
        Assert.Equal("from another client", await owned.GetAsync<string>(block: false));

        // The owner's client goes away without disposing the handle, as a crashed process would.
        ownerHost.Dispose();
        await Task.Delay(GracePeriod * 2);

        await Assert.ThrowsAsync<QueueNotFoundException>(() => byId.LenAsync());
    }
}
