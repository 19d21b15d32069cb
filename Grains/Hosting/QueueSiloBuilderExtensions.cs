using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansQueue.Grains.Observability;

namespace OrleansQueue.Grains.Hosting;

/// <summary>Adds OrleansQueue's grains to a silo.</summary>
public static class QueueSiloBuilderExtensions
{
    /// <summary>The grain storage the queue and directory grains keep their state in; the host chooses its provider.</summary>
    public const string StorageName = "OrleansQueue";

    /// <summary>The grain storage durable partitions keep their items in (see <see cref="QueueOptions.DurablePartitions"/>).</summary>
    public const string PartitionStorageName = "OrleansQueuePartitions";

    /// <summary>
    /// Binds <see cref="QueueOptions"/> to the <c>OrleansQueue</c> configuration section. The host must also add a grain
    /// storage named <see cref="StorageName"/>, for example <c>AddMemoryGrainStorage(StorageName)</c>.
    /// </summary>
    /// <param name="builder">The silo.</param>
    /// <param name="configure">Changes to the limits after configuration is read, for example in tests.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddOrleansQueues(this ISiloBuilder builder, Action<QueueOptions>? configure = null)
    {
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<QueueMetrics>();
        var options = builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }
}
