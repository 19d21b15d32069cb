namespace OrleansQueue;

/// <summary>No queue has this name in this environment, or the queue behind a handle has been deleted (C22, C23).</summary>
[GenerateSerializer, Alias("OrleansQueue.QueueNotFoundException")]
public sealed class QueueNotFoundException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public QueueNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message that names the queue, the partition and the limit.</summary>
    /// <param name="message">What happened.</param>
    public QueueNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public QueueNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
