namespace AgentRec.Core.Evaluation;

/// <summary>The one-line JSON summary each <c>eval</c> command prints last: one compact object, metrics to 4 decimals.</summary>
internal static class SummaryJson
{
    /// <summary>The object <c>{…}</c> whose members <paramref name="writeMembers"/> writes.</summary>
    public static string Object(Action<Utf8JsonWriter> writeMembers)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the member <paramref name="name"/> as <paramref name="value"/> rounded to 4 decimals.</summary>
    public static void WriteMetric(this Utf8JsonWriter writer, string name, double value) => writer.WriteNumber(name, Math.Round(value, 4));
}
