using Microsoft.Extensions.Logging;

namespace OrleansQueue.Grains;

/// <summary>The grains' structured log events.</summary>
internal static partial class QueueLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error,
        Message = "Storage of {Partition} failed; its waiting calls fail and it reloads from storage on the next call.")]
    public static partial void StorageFailed(this ILogger logger, Exception exception, string partition);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "{Partition} could not be read from storage.")]
    public static partial void LoadFailed(this ILogger logger, Exception exception, string partition);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning,
        Message = "The records of {Partition} could not all be deleted with its queue; they are left in storage.")]
    public static partial void DeleteFailed(this ILogger logger, Exception exception, string partition);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "{Partition} expired: its items are gone and it is no longer live.")]
    public static partial void PartitionExpired(this ILogger logger, string partition);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Queue '{Name}' ({Id}) created in environment '{Environment}' by {CreatedBy}.")]
    public static partial void QueueCreated(this ILogger logger, string name, string id, string environment, string createdBy);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Queue {Queue} deleted.")]
    public static partial void QueueDeleted(this ILogger logger, string queue);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Ephemeral queue {Queue} deleted: its owner sent no heartbeat for {Grace}.")]
    public static partial void EphemeralAbandoned(this ILogger logger, string queue, TimeSpan grace);

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "{Queue} refused partition '{Partition}': it has {Live} live partitions, its limit.")]
    public static partial void PartitionLimitReached(this ILogger logger, string queue, string partition, int live);
}
