import { Global, Module } from '@nestjs/common';
import { KafkaConnection } from './kafka.js';

@Global()
@Module({ providers: [KafkaConnection], exports: [KafkaConnection] })
export class MessagingModule {}
