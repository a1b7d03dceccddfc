-- Made by the pre-feature-folder layout (assessment/migrations/), harbor-legal-ai.json stored
-- under the token 'old-layout-token-0123456789abcdefghijklmnopqrstu'. Do not regenerate.
BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('w001');
CREATE TABLE answers (
	assessment_id INTEGER NOT NULL, 
	question_id VARCHAR(64) NOT NULL, 
	choice VARCHAR(64) NOT NULL, 
	evidence TEXT NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_answers PRIMARY KEY (assessment_id, question_id), 
	CONSTRAINT fk_answers_assessment_id_assessments FOREIGN KEY(assessment_id) REFERENCES assessments (id) ON DELETE CASCADE
);
INSERT INTO "answers" VALUES(1,'niche-objective','written','Contract review for mid-size law firms, written in our strategy doc.','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'niche-customer','five-plus','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'niche-roadmap','explicitly','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'niche-monetization','paying','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'models-benchmark-parity','every-release','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'models-eval-moves','yes','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'models-compute','secured','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'models-runway','yes','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'models-eval-breadth','several-plus-niche','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'community-people','dedicated','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'community-response','yes','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'community-storytelling','always','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'weights-released','restricted','Harbor-7B on the Hugging Face Hub under a research-and-commercial licence.','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'weights-hub','complete','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'weights-cadence','every-iteration','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'weights-verifiable','yes','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'data-pipeline-repeatable','automated','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'data-in-domain','growing','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'data-synthetic','experimenting','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'data-niche-release','private','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'pp-cost-benchmark','regularly','Cost sheet vs two closed APIs, updated monthly.','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'pp-quality-benchmark','yes','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'pp-customer-math','published','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'pp-price-decline','modelled','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'ce-collection','tracked','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'ce-into-training','yes','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'ce-deployment-tracking','yes','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'uc-tracking','reviewed','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'uc-to-product','evaluating','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'uc-commercial-path','yes','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'pr-public-work','encouraged','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'pr-hiring-pitch','yes','','2026-12-01 21:39:41.961441');
INSERT INTO "answers" VALUES(1,'pr-hiring-evidence','one','','2026-12-01 21:39:41.961441');
CREATE TABLE assessments (
	id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	rubric_id VARCHAR(64) NOT NULL, 
	rubric_version VARCHAR(64) NOT NULL, 
	company JSON NOT NULL, 
	action_plan JSON NOT NULL, 
	workbench JSON, 
	position VARCHAR(64), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_assessments PRIMARY KEY (id), 
	CONSTRAINT uq_assessments_token_hash UNIQUE (token_hash)
);
INSERT INTO "assessments" VALUES(1,'d49f9d0c07a9158f930240de7ab8048e2525c139e7e07ff72987c17c701bfaa1','open-llm-playbook','1.0.0','{"name": "Harbor Legal AI (fictional)", "stage": "Seed", "niche": "Contract-review models for mid-size law firms", "assessor": "Example data", "date": "2026-11-01"}','{}','{"format_version": 1, "workload": {"basis": "requests", "monthly_requests": 120000.0, "input_tokens_per_request": 9000.0, "output_tokens_per_request": 700.0}, "options": [{"kind": "api", "name": "Closed API, large tier (illustrative)", "quality": 86.0, "example": true, "price_per_m_input": 5.0, "price_per_m_output": 15.0}, {"kind": "api", "name": "Closed API, small tier (illustrative)", "quality": 68.0, "example": true, "price_per_m_input": 0.5, "price_per_m_output": 1.5}, {"kind": "self_hosted", "name": "Harbor Contract 8B, self-hosted", "quality": 87.0, "example": true, "gpu_label": "1x 80GB GPU", "gpus_per_replica": 1, "gpu_hour_price": 2.2, "tokens_per_second": 3000.0, "target_utilisation_pct": 60.0, "ops_monthly": 1200.0}, {"kind": "self_hosted", "name": "Harbor Contract 32B, self-hosted", "quality": 91.0, "example": true, "gpu_label": "2x 80GB GPU", "gpus_per_replica": 2, "gpu_hour_price": 2.2, "tokens_per_second": 1400.0, "target_utilisation_pct": 60.0, "ops_monthly": 1500.0}], "projection": {"factor": 10.0, "months": 18}}',NULL,'2026-12-01 21:39:41.961441','2026-12-01 21:39:41.961441');
CREATE TABLE workshop_companies (
	id INTEGER NOT NULL, 
	workshop_id VARCHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	join_hash VARCHAR(64) NOT NULL, 
	CONSTRAINT pk_workshop_companies PRIMARY KEY (id), 
	CONSTRAINT fk_workshop_companies_workshop_id_workshops FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE, 
	CONSTRAINT uq_workshop_companies_join_hash UNIQUE (join_hash), 
	CONSTRAINT uq_workshop_companies_workshop_id_name UNIQUE (workshop_id, name)
);
CREATE TABLE workshop_participants (
	id INTEGER NOT NULL, 
	company_id INTEGER NOT NULL, 
	assessment_id INTEGER NOT NULL, 
	display_name VARCHAR(60) NOT NULL, 
	joined_at DATETIME NOT NULL, 
	CONSTRAINT pk_workshop_participants PRIMARY KEY (id), 
	CONSTRAINT fk_workshop_participants_company_id_workshop_companies FOREIGN KEY(company_id) REFERENCES workshop_companies (id) ON DELETE CASCADE, 
	CONSTRAINT fk_workshop_participants_assessment_id_assessments FOREIGN KEY(assessment_id) REFERENCES assessments (id) ON DELETE CASCADE, 
	CONSTRAINT uq_workshop_participants_assessment_id UNIQUE (assessment_id)
);
CREATE TABLE workshops (
	id VARCHAR(32) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	rubric_id VARCHAR(64) NOT NULL, 
	rubric_version VARCHAR(64) NOT NULL, 
	key_hash VARCHAR(255) NOT NULL, 
	failed_attempts INTEGER NOT NULL, 
	locked_until DATETIME, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_workshops PRIMARY KEY (id)
);
CREATE INDEX ix_workshop_companies_workshop_id ON workshop_companies (workshop_id);
CREATE INDEX ix_workshop_participants_company_id ON workshop_participants (company_id);
COMMIT;
