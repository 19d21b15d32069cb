using System.Text.Json;
using Spectre.Console;

namespace OrleansQueue.Cli;

/// <summary>What commands print: data on stdout (plain lines, a table, or JSON), questions and progress on stderr.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A console for progress and questions, on stderr, so that stdout stays data.</summary>
    public static IAnsiConsole Terminal { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static void Json<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, Indented));

    public static void Items(IReadOnlyList<ItemView> items, bool json)
    {
        if (json)
        {
            Json(items.Select(item => item.Value ?? item.Text));
            return;
        }

        foreach (var item in items)
        {
            Console.WriteLine(item.Text);
        }
    }

    /// <summary>Asks on a terminal; without one, refuses, since nobody can answer.</summary>
    public static void Confirm(string question, bool yes)
    {
        if (yes)
        {
            return;
        }

        if (Console.IsInputRedirected)
        {
            throw new UserErrorException($"{question} Not on a terminal, so nobody can confirm: pass -y to go ahead.");
        }

        if (!Terminal.Confirm(question, defaultValue: false))
        {
            throw new UserErrorException("Nothing done.");
        }
    }
}
