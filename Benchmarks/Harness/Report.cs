using System.Text.Json;

namespace OrleansQueue.Benchmarks.Harness;

/// <summary>Prints results as a table for people, or as JSON for scripts.</summary>
internal static class Report
{
    public static void Json<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value));

    public static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public static void Print(string scenario, IReadOnlyList<(string Name, LoadResult Result)> rows, string verdict, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scenario,
                verdict,
                runs = rows.Select(row => new
                {
                    name = row.Name,
                    callers = row.Result.Callers,
                    operations = row.Result.Operations,
                    seconds = row.Result.Elapsed.TotalSeconds,
                    perSecond = Math.Round(row.Result.PerSecond, 1),
                    p50Us = row.Result.Percentile(50),
                    p99Us = row.Result.Percentile(99),
                    p999Us = row.Result.Percentile(99.9),
                    maxUs = row.Result.Percentile(100),
                }),
            }));
            return;
        }

        Console.WriteLine($"{scenario}");
        Console.WriteLine($"{"run",-28} {"callers",8} {"ops/s",12} {"p50 µs",10} {"p99 µs",10} {"p99.9 µs",10} {"max µs",10}");
        foreach (var (name, result) in rows)
        {
            Console.WriteLine(
                $"{name,-28} {result.Callers,8} {result.PerSecond,12:N0} {result.Percentile(50),10:N0} {result.Percentile(99),10:N0} " +
                $"{result.Percentile(99.9),10:N0} {result.Percentile(100),10:N0}");
        }

        Console.WriteLine(verdict);
    }
}
