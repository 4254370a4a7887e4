using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseCounters",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseCounters", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    TouchpointCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequesterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequesterEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IsComplaint = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastActivityAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResponseDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolutionDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SlaDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SlaPausedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEntries_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_CaseId_At",
                table: "CaseEntries",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_OrganizationId",
                table: "CaseEntries",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId",
                table: "Cases",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_AssigneeId_Status",
                table: "Cases",
                columns: new[] { "OrganizationId", "AssigneeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_CustomerId_CreatedAt",
                table: "Cases",
                columns: new[] { "OrganizationId", "CustomerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_DepartmentId_Status",
                table: "Cases",
                columns: new[] { "OrganizationId", "DepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_ExternalId",
                table: "Cases",
                columns: new[] { "OrganizationId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_LastActivityAt_Id",
                table: "Cases",
                columns: new[] { "OrganizationId", "LastActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_Number",
                table: "Cases",
                columns: new[] { "OrganizationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_Status_SlaDueAt_Id",
                table: "Cases",
                columns: new[] { "OrganizationId", "Status", "SlaDueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseCounters");

            migrationBuilder.DropTable(
                name: "CaseEntries");

            migrationBuilder.DropTable(
                name: "Cases");
        }
    }
}
