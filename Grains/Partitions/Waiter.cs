namespace OrleansQueue.Grains.Partitions;

/// <summary>
/// A parked call. Its completion is set exactly once, by whoever takes it out of its line first: the partition serving
/// it, its cancellation, or the end of its wait. A waiter is in a line exactly while its completion is unset.
/// </summary>
internal sealed class Waiter<TRequest, TResult>(TRequest request, long ticket)
{
    public TRequest Request { get; } = request;

    /// <summary>The place in line: lower tickets arrived earlier.</summary>
    public long Ticket { get; } = ticket;

    public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
