using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansQueue.DevServices;

namespace OrleansQueue.Tests.Infrastructure;

/// <summary>One silo process, and a client of it over TCP, shared by a test class.</summary>
public sealed class SiloProcessFixture : IAsyncLifetime
{
    private SiloProcess? silo;
    private IHost? client;

    public SiloProcess Silo => silo ?? throw new InvalidOperationException("The silo is not started.");

    public QueueClient Queues => client!.Services.GetRequiredService<QueueClient>();

    public async Task InitializeAsync()
    {
        silo = await SiloProcess.StartAsync();
        client = await silo.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        if (client is not null)
        {
            await client.StopAsync();
            client.Dispose();
        }

        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
