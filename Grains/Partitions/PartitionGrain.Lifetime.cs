namespace OrleansQueue.Grains.Partitions;

/// <summary>
/// Lifetime: joining and leaving the queue's live set (C5), and expiry (C21), checked on every call, by a timer while
/// the partition is in memory, and by a reminder that outlives the activation.
/// </summary>
public sealed partial class PartitionGrain
{
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        await LoadAsync();
        if (live)
        {
            await ExpireIfDueAsync();
            return;
        }

        await membership.WaitAsync();
        try
        {
            // The partition is not live, yet its reminder fired: its items went with an earlier activation (in-memory
            // storage), or it left without unregistering. Either way its slot is free. Checked under the lock, since a
            // put may have joined meanwhile.
            if (!live)
            {
                await QueueGrain.RemovePartitionAsync(Key);
                await UnregisterExpiryReminderAsync();
            }
        }
        finally
        {
            membership.Release();
        }
    }

    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        var left = expiresAt - clock.GetUtcNow();
        if (live && left > TimeSpan.Zero)
        {
            // Puts moved the expiry on since the timer was set.
            expiryTimer?.Change(left, Timeout.InfiniteTimeSpan);
            return;
        }

        await ExpireIfDueAsync();
    }

    private Task ExpireIfDueAsync()
    {
        if (!live || clock.GetUtcNow() < expiresAt)
        {
            return Task.CompletedTask;
        }

        // Putters waiting for room come in with a new expiry; without them the partition stops being live.
        metrics.Expired(QueueTag);
        logger.PartitionExpired(description);
        items.Clear();
        Settle();
        return LeaveQueueAsync();
    }

    private async Task JoinQueueAsync(TimeSpan partitionTtl)
    {
        await membership.WaitAsync();
        try
        {
            if (!live)
            {
                await QueueGrain.AddPartitionAsync(Key);
                await this.RegisterOrUpdateReminder(ExpiryReminder, partitionTtl, limits.ExpiryReminderPeriod);
                expiresAt = clock.GetUtcNow() + partitionTtl;
                live = true;
            }
        }
        finally
        {
            membership.Release();
        }
    }

    private async Task LeaveQueueAsync()
    {
        await membership.WaitAsync();
        try
        {
            if (live && items.Count == 0 && reserved == 0)
            {
                // Puts that arrive meanwhile wait on the membership lock and join again afterwards.
                live = false;
                releasedAfter = nextSequence - 1;
                StopExpiryTimer();
                DelayDeactivation(TimeSpan.Zero);
                try
                {
                    await RecordHeadAsync();
                    await QueueGrain.RemovePartitionAsync(Key);
                }
                catch
                {
                    live = true;
                    throw;
                }

                await UnregisterExpiryReminderAsync();
            }
        }
        finally
        {
            membership.Release();
        }
    }

    private async Task UnregisterExpiryReminderAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void StopExpiryTimer()
    {
        expiryTimer?.Dispose();
        expiryTimer = null;
    }
}
