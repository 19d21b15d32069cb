using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansQueue.Grains.Hosting;

namespace OrleansQueue.Silo;

/// <summary>Where a silo keeps queues: in memory (the embedded default) or durably in Azure Storage.</summary>
public static class QueueStorageSiloBuilderExtensions
{
    /// <summary>The blob container of queue and directory records.</summary>
    public const string QueueContainer = "orleansqueue";

    /// <summary>The blob container of partition segments and heads.</summary>
    public const string PartitionContainer = "orleansqueue-partitions";

    /// <summary>Keeps queues and reminders in the silo's memory: fast, and gone when the silo stops.</summary>
    /// <param name="silo">The silo.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder UseInMemoryQueueStorage(this ISiloBuilder silo) => silo
        .AddMemoryGrainStorage(QueueSiloBuilderExtensions.StorageName)
        .UseInMemoryReminderService();

    /// <summary>
    /// Keeps queues durably in Azure Storage (Azurite locally): queue records and partition items in blobs, reminders in
    /// a table. Partitions acknowledge a put or a get only once it is written (C30, C31).
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <param name="blobs">The blob service, for example <c>new BlobServiceClient("UseDevelopmentStorage=true")</c>.</param>
    /// <param name="tables">The table service, for reminders.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder UseAzureQueueStorage(this ISiloBuilder silo, BlobServiceClient blobs, TableServiceClient tables)
    {
        silo.AddAzureBlobGrainStorage(QueueSiloBuilderExtensions.StorageName, options =>
        {
            options.BlobServiceClient = blobs;
            options.ContainerName = QueueContainer;
        });

        // Items are opaque bytes: store them as Orleans' binary, not JSON, which would grow them by a third.
        silo.AddAzureBlobGrainStorage(QueueSiloBuilderExtensions.PartitionStorageName, builder => builder.Configure<IServiceProvider>(
            (options, services) =>
            {
                options.BlobServiceClient = blobs;
                options.ContainerName = PartitionContainer;
                options.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);
            }));
        silo.UseAzureTableReminderService(options => options.TableServiceClient = tables);
        silo.Services.Configure<QueueOptions>(options => options.DurablePartitions = true);
        return silo;
    }
}
