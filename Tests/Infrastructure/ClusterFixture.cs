using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansQueue.Grains.Hosting;
using OrleansQueue.Hosting;

namespace OrleansQueue.Tests.Infrastructure;

/// <summary>
/// Two silos and a client in this process, shared by every test of the <see cref="ClusterCollection"/>. The client's
/// response timeout is short, so tests can wait longer than it (C17) in a few seconds.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The client's Orleans response timeout; server waits are cut to half of it.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(4);

    /// <summary>The silos' partition limit, lowered from 100,000 so that C5 can be reached in a test.</summary>
    public const int MaxPartitions = 40;

    /// <summary>The reminder period, lowered from Orleans' one-minute floor so that expiry backstops fire in a test.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Ephemeral queues' heartbeat and grace, shortened so that an abandoned queue goes in a few seconds.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc cref="HeartbeatInterval"/>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(2);

    private TestCluster? cluster;

    public TestCluster Cluster => cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public QueueClient Queues => Cluster.Client.ServiceProvider.GetRequiredService<QueueClient>();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder
            .AddMemoryGrainStorage(QueueSiloBuilderExtensions.StorageName)
            .UseInMemoryReminderService()
            .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = ReminderPeriod)
            .AddOrleansQueues(options =>
            {
                options.MaxPartitions = MaxPartitions;
                options.ExpiryReminderPeriod = ReminderPeriod;
                options.EphemeralHeartbeatInterval = HeartbeatInterval;
                options.EphemeralGracePeriod = GracePeriod;
            });
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder
            .Configure<ClientMessagingOptions>(options => options.ResponseTimeout = ResponseTimeout)
            .AddOrleansQueues();
    }
}

/// <summary>The tests that share one <see cref="ClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
