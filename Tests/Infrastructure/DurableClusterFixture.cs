using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansQueue.Grains.Hosting;
using OrleansQueue.Hosting;
using OrleansQueue.Silo;

using OrleansQueue.DevServices;

namespace OrleansQueue.Tests.Infrastructure;

/// <summary>
/// A real Azurite and a 2-silo cluster that keeps queues in it, shared by the tests of the
/// <see cref="DurableClusterCollection"/>. Tests may start further clusters on the same storage.
/// </summary>
public sealed class DurableClusterFixture : IAsyncLifetime
{
    private const string ConnectionStringKey = "Test:AzureStorage";

    /// <summary>Every write to the partition container by any silo of this test run.</summary>
    public static readonly StorageTraffic Traffic = new();

    private Azurite? azurite;
    private TestCluster? cluster;

    public Azurite Azurite => azurite ?? throw new InvalidOperationException("Azurite is not started.");

    public TestCluster Cluster => cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public QueueClient Queues => Cluster.Client.ServiceProvider.GetRequiredService<QueueClient>();

    /// <summary>The service id the shared cluster's data is stored under.</summary>
    public string ServiceId { get; } = $"durable{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        cluster = await StartClusterAsync(ServiceId);
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>Starts a cluster of two silos that keeps its queues in this Azurite under <paramref name="serviceId"/>.</summary>
    public async Task<TestCluster> StartClusterAsync(string serviceId)
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = $"c{Guid.NewGuid():N}";
        builder.ConfigureHostConfiguration(configuration =>
            configuration.AddInMemoryCollection([new(ConnectionStringKey, Azurite.ConnectionString)]));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var started = builder.Build();
        await started.DeployAsync();
        return started;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionStringKey]!;
            var blobOptions = new BlobClientOptions();
            blobOptions.AddPolicy(Traffic, HttpPipelinePosition.PerCall);
            siloBuilder
                .UseAzureQueueStorage(new BlobServiceClient(connectionString, blobOptions), new TableServiceClient(connectionString))
                .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = ClusterFixture.ReminderPeriod)
                .AddOrleansQueues(options =>
                {
                    options.ExpiryReminderPeriod = ClusterFixture.ReminderPeriod;

                    // A small budget of retained deliveries, which a few gets fill: the C32 test then compares gets that
                    // carry the same bounded set, as every get of a busy partition does under the default budget.
                    options.DeliveryRetentionBytes = 2 * 1024;
                });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddOrleansQueues();
    }
}

/// <summary>The tests that share one <see cref="DurableClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DurableClusterCollection : ICollectionFixture<DurableClusterFixture>
{
    public const string Name = "durable";
}
