using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class JourneyMapsPersonas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Personas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MatchAttribute = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MatchValue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Goals = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Needs = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Frustrations = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Quote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Photo = table.Column<byte[]>(type: "bytea", nullable: true),
                    PhotoContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Personas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Journeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PersonaId = table.Column<Guid>(type: "uuid", nullable: true),
                    HeatMetric = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    HeatAmber = table.Column<double>(type: "double precision", nullable: true),
                    HeatRed = table.Column<double>(type: "double precision", nullable: true),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Journeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Journeys_Personas_PersonaId",
                        column: x => x.PersonaId,
                        principalTable: "Personas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "JourneyShareLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    JourneyId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneyShareLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JourneyShareLinks_Journeys_JourneyId",
                        column: x => x.JourneyId,
                        principalTable: "Journeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JourneyStages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    JourneyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Phase = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    CustomerActions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FrontStage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    BackStage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    BackStageDepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    PainPoints = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Emotion = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneyStages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JourneyStages_Journeys_JourneyId",
                        column: x => x.JourneyId,
                        principalTable: "Journeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JourneyCards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    JourneyId = table.Column<Guid>(type: "uuid", nullable: false),
                    StageId = table.Column<Guid>(type: "uuid", nullable: false),
                    TouchpointCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneyCards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JourneyCards_JourneyStages_StageId",
                        column: x => x.StageId,
                        principalTable: "JourneyStages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JourneyCards_JourneyId_StageId_Position",
                table: "JourneyCards",
                columns: new[] { "JourneyId", "StageId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_JourneyCards_OrganizationId",
                table: "JourneyCards",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_JourneyCards_OrganizationId_TouchpointCode",
                table: "JourneyCards",
                columns: new[] { "OrganizationId", "TouchpointCode" });

            migrationBuilder.CreateIndex(
                name: "IX_JourneyCards_StageId_TouchpointCode",
                table: "JourneyCards",
                columns: new[] { "StageId", "TouchpointCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Journeys_OrganizationId",
                table: "Journeys",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Journeys_OrganizationId_Code",
                table: "Journeys",
                columns: new[] { "OrganizationId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Journeys_PersonaId",
                table: "Journeys",
                column: "PersonaId");

            migrationBuilder.CreateIndex(
                name: "IX_JourneyShareLinks_JourneyId",
                table: "JourneyShareLinks",
                column: "JourneyId");

            migrationBuilder.CreateIndex(
                name: "IX_JourneyShareLinks_OrganizationId",
                table: "JourneyShareLinks",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_JourneyShareLinks_TokenHash",
                table: "JourneyShareLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JourneyStages_JourneyId_Position",
                table: "JourneyStages",
                columns: new[] { "JourneyId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_JourneyStages_OrganizationId",
                table: "JourneyStages",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Personas_OrganizationId",
                table: "Personas",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Personas_OrganizationId_Name",
                table: "Personas",
                columns: new[] { "OrganizationId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JourneyCards");

            migrationBuilder.DropTable(
                name: "JourneyShareLinks");

            migrationBuilder.DropTable(
                name: "JourneyStages");

            migrationBuilder.DropTable(
                name: "Journeys");

            migrationBuilder.DropTable(
                name: "Personas");
        }
    }
}
