using System.ComponentModel.DataAnnotations;
using AgentRec.Core.Catalog;

namespace AgentRec.Core.State;

/// <summary>Where the state store lives. Section <c>State</c>.</summary>
public sealed class StateOptions
{
    public const string SectionName = "State";

    /// <summary>The SQLite file. Defaults to $XDG_DATA_HOME/agentrec/agentrec.db (~/.local/share/agentrec/agentrec.db).</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Import the catalog's ratings into the store at start-up when it holds none yet.</summary>
    public bool ImportRatingsOnStart { get; set; } = true;

    /// <summary>How long a command waits on a locked database before failing, in seconds.</summary>
    [Range(1, 600)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>The database file in use.</summary>
    public string ResolveDatabasePath() =>
        DatabasePath is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(DataPaths.DefaultDataDirectory(), "agentrec.db");
}
