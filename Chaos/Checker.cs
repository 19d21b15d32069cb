namespace OrleansQueue.Chaos;

/// <summary>What the checker found in a history.</summary>
/// <param name="Puts">Puts made.</param>
/// <param name="Acknowledged">Puts that returned.</param>
/// <param name="Indeterminate">Puts that ended in an error: each may or may not have been stored.</param>
/// <param name="IndeterminateFound">Indeterminate puts whose value was got after all (at most once each).</param>
/// <param name="Gets">Gets made, the drain included.</param>
/// <param name="FailedGets">Gets that ended in an error.</param>
/// <param name="Consumed">Values returned by gets, the drain included.</param>
/// <param name="Lost">Acknowledged puts whose value no get returned.</param>
/// <param name="Duplicated">Values returned more than once (each extra return counts).</param>
/// <param name="Reordered">Acknowledged values returned before one their producer put earlier into the same partition.</param>
/// <param name="Unexpected">Values returned that no put made, or from another partition than they were put into.</param>
internal sealed record Verdict(
    int Puts,
    int Acknowledged,
    int Indeterminate,
    int IndeterminateFound,
    int Gets,
    int FailedGets,
    int Consumed,
    int Lost,
    int Duplicated,
    int Reordered,
    int Unexpected)
{
    /// <summary>Whether the history keeps every promise: nothing lost, duplicated, reordered or made up.</summary>
    public bool Holds => Lost == 0 && Duplicated == 0 && Reordered == 0 && Unexpected == 0 && Acknowledged > 0;
}

/// <summary>
/// Checks a history of puts and gets that ends with a drain of every partition, Jepsen's total-queue way: every
/// acknowledged value comes out exactly once, and a producer's acknowledged values come out of a partition in the order
/// it put them.
/// </summary>
internal static class Checker
{
    public static Verdict Check(IReadOnlyCollection<PutRecord> puts, IReadOnlyCollection<GetRecord> gets)
    {
        var byValue = puts.ToDictionary(put => put.Value);
        var returned = new Dictionary<long, int>();
        var unexpected = 0;
        foreach (var get in gets)
        {
            foreach (var value in get.Values)
            {
                returned[value] = returned.GetValueOrDefault(value) + 1;
                if (!byValue.TryGetValue(value, out var put) || put.Partition != get.Partition)
                {
                    unexpected++;
                }
            }
        }

        return new Verdict(
            Puts: puts.Count,
            Acknowledged: puts.Count(put => put.Acknowledged),
            Indeterminate: puts.Count(put => !put.Acknowledged),
            IndeterminateFound: puts.Count(put => !put.Acknowledged && returned.ContainsKey(put.Value)),
            Gets: gets.Count,
            FailedGets: gets.Count(get => get.Failed),
            Consumed: returned.Values.Sum(),
            Lost: puts.Count(put => put.Acknowledged && !returned.ContainsKey(put.Value)),
            Duplicated: returned.Values.Sum(count => count - 1),
            Reordered: CountReordered(byValue, gets),
            Unexpected: unexpected);
    }

    /// <summary>
    /// Counts acknowledged values that came out of order. Producers put one value at a time, so of two acknowledged values
    /// of one producer in one partition, the lower was stored first, and must come out first: earlier in the same get, or
    /// in a get that did not end before the get of the lower one started.
    /// </summary>
    private static int CountReordered(Dictionary<long, PutRecord> puts, IReadOnlyCollection<GetRecord> gets)
    {
        var reordered = new HashSet<long>();
        var returns = new List<(long Value, string Partition, long Started, long Ended)>();
        foreach (var get in gets)
        {
            var lastInGet = new Dictionary<int, long>();
            foreach (var value in get.Values.Where(value => puts.TryGetValue(value, out var put) && put.Acknowledged))
            {
                if (lastInGet.TryGetValue(ChaosValue.Producer(value), out var previous) && previous > value)
                {
                    reordered.Add(value);
                }

                lastInGet[ChaosValue.Producer(value)] = value;
                returns.Add((value, get.Partition, get.Started, get.Ended));
            }
        }

        foreach (var stream in returns.GroupBy(r => (r.Partition, ChaosValue.Producer(r.Value))))
        {
            // Highest value first: remember the earliest end of a get that returned a higher value.
            var earliestEndOfHigher = long.MaxValue;
            foreach (var r in stream.OrderByDescending(r => r.Value))
            {
                if (earliestEndOfHigher < r.Started)
                {
                    reordered.Add(r.Value);
                }

                earliestEndOfHigher = Math.Min(earliestEndOfHigher, r.Ended);
            }
        }

        return reordered.Count;
    }
}
