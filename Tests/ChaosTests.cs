using System.Diagnostics;
using System.Text.Json;
using OrleansQueue.Chaos;
using OrleansQueue.DevServices;

namespace OrleansQueue.Tests;

/// <summary>
/// The chaos run on a real cluster of silo processes with silo kills, and its checker on histories made by hand: a
/// checker that passed everything would prove nothing.
/// </summary>
public sealed class ChaosTests
{
    private const string P = "p0";

    [Fact]
    public async Task Nothing_is_lost_duplicated_or_reordered_while_silos_are_killed_and_restarted() // C30, C31, C34
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[Artifacts.Locate("Chaos", "OrleansQueue.Chaos.dll"), "--seconds", "60", "--kill-every", "12", "--json"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(6));
        var printed = $"stdout:\n{await output}\nstderr:\n{await error}";

        Assert.True(process.ExitCode == 0, printed);
        using var summary = JsonDocument.Parse((await output).Trim());
        var verdict = summary.RootElement.GetProperty("verdict");
        Assert.True(summary.RootElement.GetProperty("kills").GetInt32() >= 3, printed);
        Assert.True(verdict.GetProperty("Acknowledged").GetInt32() > 1_000, printed);
        Assert.Equal(0, verdict.GetProperty("Lost").GetInt32());
        Assert.Equal(0, verdict.GetProperty("Duplicated").GetInt32());
        Assert.Equal(0, verdict.GetProperty("Reordered").GetInt32());
    }

    [Fact]
    public void A_history_where_every_value_comes_out_once_in_order_holds()
    {
        PutRecord[] puts = [Put(0, 0, at: 0), Put(0, 1, at: 2), Put(1, 0, at: 1)];
        GetRecord[] gets = [Get(at: 3, Value(0, 0), Value(1, 0)), Get(at: 5, Value(0, 1))];

        var verdict = Checker.Check(puts, gets);

        Assert.True(verdict.Holds);
        Assert.Equal((3, 3, 0), (verdict.Acknowledged, verdict.Consumed, verdict.Lost + verdict.Duplicated + verdict.Reordered + verdict.Unexpected));
    }

    [Fact]
    public void An_acknowledged_value_never_returned_is_lost()
    {
        var verdict = Checker.Check([Put(0, 0, at: 0), Put(0, 1, at: 2)], [Get(at: 3, Value(0, 0))]);

        Assert.Equal(1, verdict.Lost);
        Assert.False(verdict.Holds);
    }

    [Fact]
    public void A_value_returned_twice_is_duplicated()
    {
        var verdict = Checker.Check([Put(0, 0, at: 0)], [Get(at: 1, Value(0, 0)), Get(at: 3, Value(0, 0))]);

        Assert.Equal(1, verdict.Duplicated);
        Assert.False(verdict.Holds);
    }

    [Fact]
    public void A_later_value_ahead_of_an_earlier_one_in_the_same_get_is_reordered()
    {
        var verdict = Checker.Check([Put(0, 0, at: 0), Put(0, 1, at: 2)], [Get(at: 3, Value(0, 1), Value(0, 0))]);

        Assert.Equal(1, verdict.Reordered);
        Assert.False(verdict.Holds);
    }

    [Fact]
    public void A_later_value_got_wholly_before_the_get_of_an_earlier_one_is_reordered()
    {
        var verdict = Checker.Check([Put(0, 0, at: 0), Put(0, 1, at: 2)], [Get(at: 3, Value(0, 1)), Get(at: 5, Value(0, 0))]);

        Assert.Equal(1, verdict.Reordered);
        Assert.False(verdict.Holds);
    }

    [Fact]
    public void Overlapping_gets_may_return_values_in_either_order()
    {
        GetRecord[] gets =
        [
            new("a", P, Started: 3, Ended: 6, [Value(0, 1)], Failed: false),
            new("b", P, Started: 4, Ended: 7, [Value(0, 0)], Failed: false),
        ];

        Assert.True(Checker.Check([Put(0, 0, at: 0), Put(0, 1, at: 2)], gets).Holds);
    }

    [Fact]
    public void An_indeterminate_put_may_come_out_once_or_not_at_all_but_not_twice()
    {
        PutRecord[] puts = [Put(0, 0, at: 0), Put(0, 1, at: 2) with { Acknowledged = false }, Put(0, 2, at: 4) with { Acknowledged = false }];

        var once = Checker.Check(puts, [Get(at: 6, Value(0, 0), Value(0, 1))]);
        var twice = Checker.Check(puts, [Get(at: 6, Value(0, 0), Value(0, 1)), Get(at: 8, Value(0, 1))]);

        Assert.True(once.Holds);
        Assert.Equal((2, 1, 0), (once.Indeterminate, once.IndeterminateFound, once.Lost));
        Assert.Equal(1, twice.Duplicated);
        Assert.False(twice.Holds);
    }

    [Fact]
    public void A_value_never_put_or_from_another_partition_is_unexpected()
    {
        var verdict = Checker.Check(
            [Put(0, 0, at: 0)],
            [Get(at: 1, Value(0, 0), Value(7, 7)), new GetRecord("c", "p1", 2, 3, [Value(0, 0)], Failed: false)]);

        Assert.Equal(2, verdict.Unexpected);
        Assert.False(verdict.Holds);
    }

    [Fact]
    public void A_history_with_nothing_acknowledged_proves_nothing()
    {
        Assert.False(Checker.Check([Put(0, 0, at: 0) with { Acknowledged = false }], []).Holds);
    }

    private static long Value(int producer, long sequence) => ChaosValue.Of(producer, sequence);

    private static PutRecord Put(int producer, long sequence, long at) => new(Value(producer, sequence), P, at, at + 1, Acknowledged: true);

    private static GetRecord Get(long at, params long[] values) => new("c", P, at, at + 1, values, Failed: false);
}
