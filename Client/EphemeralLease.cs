using OrleansQueue.Grains;

namespace OrleansQueue;

/// <summary>
/// Keeps an ephemeral queue alive with heartbeats while its owner runs, and deletes it when the owner lets go (C25).
/// If the owner dies, the heartbeats stop and the silo deletes the queue after its grace period.
/// </summary>
internal sealed class EphemeralLease : IAsyncDisposable
{
    private readonly IQueueGrain queue;
    private readonly CancellationTokenSource stop = new();
    private readonly Task heartbeats;

    public EphemeralLease(IQueueGrain queue, TimeSpan interval)
    {
        this.queue = queue;
        heartbeats = BeatAsync(interval, stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        await stop.CancelAsync();
        await heartbeats;
        stop.Dispose();
        try
        {
            await queue.DeleteAsync();
        }
        catch (QueueNotFoundException)
        {
            // The silo deleted it already: heartbeats failed for longer than the grace period.
        }
    }

    private async Task BeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken);
                interval = await queue.HeartbeatAsync();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is QueueNotFoundException or ObjectDisposedException)
            {
                // The queue is gone, or so is this process's Orleans client: nothing is left to keep alive.
                return;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // A silo may be down for a moment; the grace period spans several heartbeats, so try again next time.
            }
        }
    }
}
