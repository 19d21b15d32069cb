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
}
