global using Npq.Tests.Support;
