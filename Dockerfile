# Multi-stage build of the AgentRec service.
# GPU images: build with --build-arg ONNX_RUNTIME_FLAVOR=Gpu once the GPU execution provider lands (see README).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/AgentRec.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
COPY models/models.json /app/models/models.json
ENV ASPNETCORE_URLS=http://+:8080 \
    State__DatabasePath=/data/agentrec.db \
    Catalog__CacheDirectory=/data/cache
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "AgentRec.Api.dll"]
