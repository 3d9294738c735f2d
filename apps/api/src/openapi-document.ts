import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The api's OpenAPI document: served at /api/docs-json and written at build time for the web app. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Nämndflöde API')
      .setDescription(
        'Case handling and workflow for Swedish municipal boards. Errors are RFC 9457 problem+json.',
      )
      .setOpenAPIVersion('3.1.0')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
