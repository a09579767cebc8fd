import 'reflect-metadata';
import { CLASSIFIER_VERSION } from '@app/taxonomy';
import { TOPIC } from '@app/contracts';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
@Module({}) class AppModule {}
const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
console.log(CLASSIFIER_VERSION, TOPIC); await app.close();
