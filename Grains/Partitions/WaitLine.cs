namespace OrleansQueue.Grains.Partitions;

/// <summary>Parked calls in ticket order, findable by operation id for cancellation.</summary>
internal sealed class WaitLine<TRequest, TResult>(Func<TRequest, Guid> operationOf)
{
    // The waiters, first in line first.
    private readonly SortedDictionary<long, Waiter<TRequest, TResult>> byTicket = [];

    // The same waiters, by the operation they belong to.
    private readonly Dictionary<Guid, Waiter<TRequest, TResult>> byOperation = [];

    public int Count => byTicket.Count;

    public void Add(Waiter<TRequest, TResult> waiter)
    {
        byTicket.Add(waiter.Ticket, waiter);
        byOperation.Add(operationOf(waiter.Request), waiter);
    }

    /// <summary>Whether anyone in line arrived before the holder of <paramref name="ticket"/>.</summary>
    public bool HasAheadOf(long ticket) => byTicket.Count > 0 && byTicket.First().Key < ticket;

    public bool TryPeek(out Waiter<TRequest, TResult> first)
    {
        if (byTicket.Count == 0)
        {
            first = null!;
            return false;
        }

        first = byTicket.First().Value;
        return true;
    }

    public bool Remove(Waiter<TRequest, TResult> waiter) =>
        byTicket.Remove(waiter.Ticket) && byOperation.Remove(operationOf(waiter.Request));

    public bool TryRemove(Guid operationId, out Waiter<TRequest, TResult> waiter)
    {
        if (byOperation.Remove(operationId, out var found))
        {
            byTicket.Remove(found.Ticket);
            waiter = found;
            return true;
        }

        waiter = null!;
        return false;
    }

    /// <summary>Takes every waiter out of the line, first in line first.</summary>
    public List<Waiter<TRequest, TResult>> RemoveAll()
    {
        var all = byTicket.Values.ToList();
        byTicket.Clear();
        byOperation.Clear();
        return all;
    }
}
