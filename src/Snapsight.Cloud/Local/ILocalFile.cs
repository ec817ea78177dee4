namespace Snapsight.Cloud.Local;

/// <summary>One of the local provider's JSON files, able to say what in it the serializer let through but the provider cannot use.</summary>
internal interface ILocalFile
{
    /// <summary>Throws <see cref="System.Text.Json.JsonException"/> naming the first member that holds a null element.</summary>
    void Check();
}
