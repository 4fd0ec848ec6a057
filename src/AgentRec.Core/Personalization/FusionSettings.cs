using AgentRec.Core.Catalog;

namespace AgentRec.Core.Personalization;

/// <summary>
/// The content/CF fusion weight α and the profile decay τ chosen on validation by <c>agentrec eval ranking</c>
/// (models/trained/fusion.json); the personalizer uses them instead of its built-in values when the file exists.
/// </summary>
public sealed record FusionSettings
{
    /// <summary>File name under models/trained/.</summary>
    public const string FileName = "fusion.json";

    /// <summary>The format this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Content weight α of y = α·f_content + (1−α)·f_CF, in [0, 1].</summary>
    [JsonPropertyName("alpha")]
    public double Alpha { get; init; }

    /// <summary>Decay τ of exp(−Δt/τ) in days; null means no decay.</summary>
    [JsonPropertyName("tauDays")]
    public double? TauDays { get; init; }

    /// <summary>Where they were chosen (the data folder and protocol).</summary>
    [JsonPropertyName("selectedOn")]
    public string SelectedOn { get; init; } = string.Empty;

    [JsonPropertyName("validationRecallAt10")]
    public double ValidationRecallAt10 { get; init; }

    [JsonPropertyName("validationNdcgAt10")]
    public double ValidationNdcgAt10 { get; init; }

    /// <summary>The default location: models/trained/fusion.json in the repository, or null outside one.</summary>
    public static string? DefaultPath() => DataPaths.FindTrainedModelPath(FileName);

    /// <summary>Writes the settings as indented JSON, creating the folder.</summary>
    public void Save(string path) => TrainedSettingsFile.Write(path, this);

    /// <summary>
    /// Reads <paramref name="path"/> when it exists (null otherwise) and logs what the personalizer will use; a malformed
    /// file is logged and ignored so the service still starts with the built-in values.
    /// </summary>
    public static FusionSettings? TryLoad(string? path, Microsoft.Extensions.Logging.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (path is null || !File.Exists(path))
        {
            FusionLog.BuiltIn(logger, HybridPersonalizer.RelevanceAlpha, path ?? "(no repository)");
            return null;
        }

        try
        {
            var settings = Load(path);
            FusionLog.Learned(logger, settings.Alpha, settings.TauDays, path);
            return settings;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            logger.FellBack("personalize", "the built-in α and τ", $"the fusion settings {path} are unreadable", ex);
            return null;
        }
    }

    /// <summary>Reads settings from <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file when it is malformed or out of range.</summary>
    public static FusionSettings Load(string path)
    {
        var settings = TrainedSettingsFile.Read<FusionSettings>(path, "Fusion settings", CurrentVersion, s => s.Version);

        if (settings.Alpha is < 0 or > 1 || double.IsNaN(settings.Alpha) || settings.TauDays is <= 0 || (settings.TauDays is { } tau && double.IsNaN(tau)))
        {
            throw new InvalidDataException($"Fusion settings '{path}' are out of range: alpha must be in [0, 1] and tauDays positive or null.");
        }

        return settings;
    }
}

internal static partial class FusionLog
{
    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Personalization fusion: α={Alpha} and profile τ={TauDays} days (empty: no decay) from {Path} (picked on validation)")]
    public static partial void Learned(Microsoft.Extensions.Logging.ILogger logger, double alpha, double? tauDays, string path);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Personalization fusion: built-in α={Alpha} (no {Path}; `agentrec eval ranking` writes it)")]
    public static partial void BuiltIn(Microsoft.Extensions.Logging.ILogger logger, double alpha, string path);
}
